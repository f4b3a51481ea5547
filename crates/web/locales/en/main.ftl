## Layout
skip-to-content = Skip to content
nav-label = Main navigation
nav-soon = soon
nav-users = Users
nav-logout = Sign out
nav-login = Sign in
lang-switch = Français
footer-text = maillage — the platform for intersectoral concertation in Québec.
nav-dashboard = Dashboard
nav-directory = Directory
nav-groupings = Groupings
nav-plans = Action plans
nav-events = Events
nav-network = Network

## Roles
role-admin = Administrator
role-coordinator = Coordinator
role-member = Member
role-viewer = Viewer

## Errors
error-id-label = Error number to give to support:
error-back-home = Back to the home page
error-title-400 = Bad request
error-title-401 = Sign-in required
error-title-403 = Access denied
error-title-404 = Page not found
error-title-405 = Action not allowed
error-title-409 = Conflict
error-title-413 = Upload too large
error-title-415 = Unsupported format
error-title-422 = Invalid data
error-title-429 = Too many attempts
error-title-500 = Internal error
error-title-503 = Service unavailable
error-not-found = The page you asked for does not exist or has moved.
error-unauthenticated = You must sign in to continue.
error-forbidden = You do not have the rights needed for this action.
error-csrf = The form’s security token is missing or stale. Reload the page and try again.
error-too-many-attempts = Too many failed sign-in attempts. Try again in 15 minutes.
error-internal = An unexpected error occurred. It has been logged; try again in a moment.
error-bad-request = The request is malformed: check the fields and try again.
error-method-not-allowed = This action is not allowed at this address.
error-payload-too-large = The upload is larger than allowed.
error-too-many-writes = Too many submissions from your address in a short time. Try again in a few minutes.
error-name-too-long = This name is longer than 300 characters: shorten it.
error-short-text-too-long = This field is longer than 500 characters: shorten it.
error-long-text-too-long = This text is longer than 10,000 characters: shorten it.
error-document-too-long = This text is longer than 20,000 characters: shorten it.

## Sign in
login-title = Sign in
login-intro = Sign in with the e-mail address and password of your maillage account.
login-session-expired = Your session has expired. Sign in again to continue.
login-submit = Sign in
field-email = E-mail address
field-password = Password
error-login-failed = Wrong e-mail address or password.
error-email-empty = Enter an e-mail address.
error-email-too-long = The e-mail address is longer than 254 characters.
error-email-malformed = The e-mail address is not valid (example: first.last@organization.qc.ca).

## Dashboard
dashboard-title = Dashboard
dashboard-welcome = Hello { $name }!
dashboard-empty-title = Welcome to maillage
dashboard-empty-intro = maillage brings together in one place what concertation does today with Word plans, Excel grids, Padlet walls and PDF reports:
dashboard-feature-directory = the directory of the territory’s organizations and services, to refer families well;
dashboard-feature-plans = groupings, their multi-year action plans and their indicators;
dashboard-feature-events = meetings, registrations, attendance and the generated report;
dashboard-feature-live = live participation: people join a room with its 8-digit code to answer a word cloud, a post-it board, a poll, a scale or questions; the results stay in the report and can be exported;
dashboard-feature-network = the network of links created between organizations, measured over time.
dashboard-territory = The territory
dashboard-organization-count = Organizations: { $count }
dashboard-grouping-count = Groupings: { $count }
dashboard-my-groupings = My groupings
dashboard-no-grouping = You have no role in any grouping yet.
dashboard-admin = Administration
dashboard-user-count = Accounts: { $count }
dashboard-manage-users = Manage users

## Profile
profile-title = My profile
profile-account = My account
field-display-name = Name
field-roles = Roles
profile-change-password = Change password
field-current-password = Current password
field-new-password = New password
field-confirm-password = Confirm the new password
password-hint = At least 10 characters; a short sentence is ideal.
profile-save-password = Save the password
error-current-password = The current password is wrong.
error-password-too-short = The password must have at least { $min } characters.
error-password-too-long = The password must have at most 256 characters.
error-password-same-as-email = The password must not be your e-mail address.
error-password-mismatch = The confirmation does not match the new password.

## Account administration
users-title = Users
users-invite = Invite someone
users-invite-submit = Create the account
users-list = Accounts
users-change-role = Change role
users-actions = Actions
users-apply = Apply
users-deactivate = Deactivate
users-activate = Reactivate
field-role = Role
field-grouping = Grouping
field-grouping-none = — none (administrator) —
field-grouping-hint = Required for every role but administrator.
field-status = Status
status-active = Active
status-inactive = Deactivated
error-display-name = Enter a name of at most 120 characters.
error-role-unknown = Choose a role: administrator, coordinator, member or viewer.
error-grouping-required = Choose the grouping this role is held in.
error-grouping-unknown = This grouping does not exist.
error-email-taken = An account already exists for this e-mail address.
invited-title = Account created
invited-intro = The account of { $email } is created. Give them this one-time password:
invited-warning = It will not be shown again. They will have to replace it at their first sign-in.
invited-back = Back to users

## One-shot messages
flash-logged-out = You are signed out.
flash-password-changed = Your password has been changed.
flash-change-one-time-password = Welcome! First replace your one-time password.
flash-role-changed = The role has been changed.
flash-user-deactivated = The account has been deactivated; its sessions are closed.
flash-user-activated = The account has been reactivated.
flash-last-admin = Not possible: at least one active administrator must remain.
flash-not-yourself = You cannot deactivate your own account.
flash-role-invalid = This role needs an existing grouping.
