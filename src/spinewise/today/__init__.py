"""The patient's start pages: Today and this week's programme, composed from every room."""
