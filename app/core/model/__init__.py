"""What a bot is: its steps, parameters and file format, the data files it runs over, and the
edits a person makes to it. Nothing here touches the screen, the keyboard or the database."""
