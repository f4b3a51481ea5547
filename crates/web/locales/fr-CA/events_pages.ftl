## events_pages
