## events_import
