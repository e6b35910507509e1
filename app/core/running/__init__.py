"""Running: the player that replays a bot's steps, the drivers it acts through, the safety stop,
and the run session, the one way every front end (command line, studio, tray) runs a bot."""
