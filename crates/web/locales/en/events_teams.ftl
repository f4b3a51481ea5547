## events_teams
