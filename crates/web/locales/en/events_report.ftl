## events_report
