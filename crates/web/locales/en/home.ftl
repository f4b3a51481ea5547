## The sign-in prompt of a page that needs an account
signin-required-page = Sign in to see this page.
signin-required-action = Sign in to continue: this action needs an account.
signin-required-expired = Your session has expired. Sign in again to continue.
signin-required-public = The directory, the events, the groupings and their published plans stay open without an account.
signin-required-button = Sign in
signin-required-home = Back to the home page

## The territory’s home page (anonymous visitors)
home-title = The territory’s partnership
home-lead = maillage brings together the territory’s partners — schools, health and social services, daycares, community organizations, municipalities — who work together for school perseverance, early childhood and families.
home-intro = Find the territory’s organizations and services, the upcoming meetings and their registration, the groupings and their published action plans with their progress.
home-search-label = Search for an organization or a service
home-search-placeholder = For example: homework help, drop-in daycare
home-search-submit = Search
home-events = Upcoming events
home-no-events = No upcoming events for now.
home-all-events = All events
home-groupings = Groupings
home-no-groupings = No groupings for now.
home-plans = Published action plans
home-no-plans = No published action plan for now.

## The dashboard’s recent activity
dashboard-activity = Recent activity
dashboard-no-activity = No recent changes.
home-change-organization = Organization
home-change-service = Service
home-change-grouping = Grouping
home-change-added = added
home-change-updated = updated

## Navigation of a visitor who is not signed in
nav-home = Home
