# Day-precision dates as Finnish pages write them: 13.12.2017.
SHORT_DATE_FORMAT = "j.n.Y"
