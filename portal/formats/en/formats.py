# Day, abbreviated month, year: unambiguous for readers on both sides of the Atlantic.
SHORT_DATE_FORMAT = "j M Y"
