# Swedish in Finland writes day-precision dates like Finnish: 13.12.2017.
SHORT_DATE_FORMAT = "j.n.Y"
