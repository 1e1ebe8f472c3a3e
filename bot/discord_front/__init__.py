"""The Discord front end: the client, replies within Discord's limits, guards, views and the commands."""
