## Directory: search
directory-title = Directory of organizations and services
directory-intro = Who does what in the territory, where and for whom: find an organization or a service to refer families well.
directory-tools = Directory coordination tools
directory-new-organization = New organization
directory-stale-link = To verify
directory-proposals-link = Proposals
directory-export-link = Export (HSDS, .zip)
directory-search-label = Search for an organization or a service
directory-search-placeholder = E.g. women’s centre Jonquière, drop-in daycare, CRÉPAS
directory-search-hint = Type what you remember: accents and capitals do not matter, and a small typo is forgiven.
directory-search-submit = Search
directory-filters = Filters
directory-any-sector = All sectors
directory-any-territory = All territories
directory-any-age = All ages
directory-any-theme = All themes
directory-any-language = All languages
directory-any-kind = All types
directory-near = Near
directory-any-town = All municipalities
directory-reset = Clear the search and filters
directory-results = Results
directory-hits =
    { $count ->
        [one] { $count } result
       *[other] { $count } results
    }
directory-organization-count =
    { $count ->
        [one] { $count } organization
       *[other] { $count } organizations
    }
directory-service-count =
    { $count ->
        [one] { $count } service
       *[other] { $count } services
    }
directory-page-of = page { $page } of { $pages }
directory-no-hits = No results for “{ $query }”.
directory-blank-query = Type at least one word: a name, an acronym, a service or a town.
directory-no-hits-hint = Check the spelling, try another word or remove a filter.
directory-no-organizations = No organization matches these filters.
directory-no-services = No service matches these filters.
directory-query-truncated = Your search was longer than 200 characters: only the first 200 were used.
directory-offered-by = Offered by
directory-pages = Result pages
directory-previous = Previous page
directory-next = Next page
directory-back = Back to the directory

## Fields
dir-field-name = Name
dir-field-service-name = Service name
dir-field-aliases = Other names and acronyms
dir-field-aliases-hint = One per line (e.g. CRÉPAS, UQAC). The first is the alternate name sent in HSDS.
dir-field-alternate-name = Other name
dir-field-description = Description
dir-field-website = Website
dir-field-sector = Sector
dir-field-territory = Territory
dir-field-legal-status = Legal status
dir-field-legal-status-hint = E.g. non-profit, co-operative, public body.
dir-field-year = Year founded
dir-field-status = Service status
dir-field-eligibility = Eligibility
dir-field-eligibility-hint = Who the service is for, and the conditions to use it.
dir-field-application = How to get it
dir-field-fees = Fees
dir-field-languages = Languages
dir-field-terms = Age groups and topics
dir-field-age-group = Age group
dir-field-theme = Theme
dir-field-language = Language
dir-field-kind = Type
dir-kind-organization = Organization
dir-kind-service = Service
dir-language-fr = French
dir-language-en = English

## Organization page
org-also-known-as = Also known as:
org-verified = Verified on { $date }.
org-verified-by = Verified on { $date } by { $name }.
org-never-verified = This entry has never been verified.
org-edit = Edit
org-verify = Mark as verified
org-merge = Merge with…
org-add-service = Add a service
org-representatives = Representatives
org-propose = Propose a change
org-about = About
org-services = Services
org-no-services = No service is listed for this organization.
org-locations = Service locations
org-no-locations = No address is listed.
org-contacts = Contact the organization
org-groupings = Groupings
org-no-groupings = This organization is not a member of any grouping yet.
dir-grouping-kind-regional_instance = regional body
dir-grouping-kind-local_grouping = local grouping
dir-grouping-kind-table = concertation table

## Service page
service-edit = Edit the service
service-about = The service
service-no-description = No description yet.
service-no-locations = No service location is listed.
service-phones = Phones
service-schedules = Schedule
service-status-active = Active
service-status-inactive = Inactive
service-status-defunct = Permanently closed
service-status-temporarily-closed = Temporarily closed

## Forms
form-back = Back
form-save = Save
form-cancel = Cancel
form-required = (required)
form-none = — none —
form-choose = — choose —
form-has-errors = The form has errors; please correct the fields shown.
form-conflict = Someone else saved this entry in the meantime. Your changes were not saved: the form now shows the saved version. Make your changes again, then save.
form-conflict-yours = What you had typed
diff-saved = Saved:
diff-yours = Yours:
diff-empty = (empty)
org-new-title = New organization
org-new-intro = Add an organization of the territory to the directory. First check that it is not already there under another name.
org-create = Create the organization
org-edit-title = Edit “{ $name }”
service-new-title = New service
service-create = Create the service
service-edit-title = Edit the service “{ $name }”

## Validation messages
error-org-name-required = Enter the organization’s name.
error-org-name-too-long = The name must be at most 300 characters.
error-org-description-required = Describe the organization in a few sentences: its mission, its services, its territory.
error-description-too-long = The description must be at most 5,000 characters.
error-aliases = Enter at most 20 other names, each at most 120 characters.
error-url = Enter a full web address starting with https:// (e.g. https://crepas.qc.ca).
error-year = Enter a four-digit year (e.g. 1987).
error-field-too-long = This field must be at most 120 characters.
error-service-name-required = Enter the service’s name.
error-service-status = Choose the service’s status.
error-sector-unknown = Choose a sector from the list.
error-territory-unknown = Choose a territory from the list.

## To verify
stale-title = Entries to verify
stale-intro = Organizations whose entry has not been verified for 12 months, or never. Check the information with the organization, correct it if needed, then mark the entry as verified.
stale-empty = Every entry was verified in the last 12 months. Well done!
stale-last-verified = Last verified
stale-count =
    { $count ->
        [one] { $count } entry to verify
       *[other] { $count } entries to verify
    }
stale-never = never
stale-actions = Actions

## Merge
merge-title = Merge two entries
merge-intro = Choose the duplicate entry to merge into “{ $name }”. This entry is kept; the other one disappears and its name becomes another name of this one.
merge-candidates = These entries look the same
merge-no-candidates = No similar entry was found. You can paste the id or the address of the other entry below.
merge-similarity = names { $percent }% alike
merge-similar-search = found by search
merge-see = see the entry
merge-paste = Or paste the id (or the page address) of the other entry
merge-paste-hint = E.g. https://…/repertoire/organisations/3f2a… — this field wins over the choice above.
merge-next = Continue
merge-error-choose = Choose the entry to merge into this one.
merge-error-same = An entry cannot be merged with itself.
merge-error-unknown = This entry does not exist (any more). Check the id.
merge-confirm-title = Confirm the merge
merge-removed = Entry removed
merge-kept = Entry kept
merge-what-moves = What moves
merge-name-becomes-alias = the name “{ $name }” becomes another name of the kept entry;
merge-alias-moves = the other name “{ $name }”;
merge-service = the service
merge-locations = service locations: { $count };
merge-contacts = contacts: { $count };
merge-phones = phones: { $count };
merge-membership = the membership in the grouping “{ $name }”;
merge-audited = The merge is final and recorded in the audit log.
merge-confirm = Merge for good

## Proposals
proposal-title = Propose a change to “{ $name }”
proposal-intro = You represent this organization: propose corrections to its entry. The coordination will review them before publishing.
proposal-submit = Send the proposal
proposals-title = Proposed changes
proposals-intro = Changes organizations proposed to their own entry. Compare with the current entry, then approve or reject.
proposals-empty = No proposal is waiting.
proposals-by = Proposed by { $email } on { $date }
proposals-no-change = This proposal changes nothing in the current entry.
proposals-field = Field
proposals-current = Current
proposals-proposed = Proposed
proposals-approve = Approve and publish
proposals-reject = Reject

## Representatives
representatives-title = Representatives of the organization
representatives-intro = The accounts that represent “{ $name }” may propose changes to its entry.
representatives-current = Linked accounts
representatives-none = No account represents this organization yet.
representatives-remove = Remove
representatives-add = Add a representative
representatives-hint = The e-mail address of an existing maillage account. An account represents one organization.
representatives-submit = Link this account
representative-unknown-account = There is no account with this e-mail address. Invite the person first.

## One-shot messages of the directory
flash-organization-created = The organization was added to the directory.
flash-organization-saved = The changes were saved.
flash-organization-verified = The entry is marked as verified today.
flash-organizations-merged = The two entries were merged.
flash-service-created = The service was added.
flash-service-saved = The service was saved.
flash-proposal-sent = Thank you! Your proposal was sent to the coordination.
flash-proposal-approved = The proposal was approved and the entry updated.
flash-proposal-rejected = The proposal was rejected.
flash-proposal-decided = This proposal was already handled.
flash-representative-added = The account now represents this organization.
flash-representative-removed = The account no longer represents this organization.

## Contact details, hours and points of service
dir-contact-legend = Contact details
dir-contact-hint = The address of the main point of service and the front desk’s phone number.
dir-field-address = Address
dir-field-address-hint = Number and street, for example 2351, rue Saint-Dominique
dir-field-city = Municipality
dir-field-postal-code = Postal code
dir-field-postal-code-hint = As A1A 1A1
dir-field-phone = Phone
dir-field-phone-hint = For example 418 555-0142
dir-field-extension = Extension
dir-phone-with-extension = { $number }, ext. { $ext }
dir-hours-legend = Opening hours
dir-field-days = Days
dir-days-mo-tu-we-th-fr = Monday to Friday
dir-days-mo-tu-we-th-fr-sa = Monday to Saturday
dir-days-mo-tu-we-th-fr-sa-su = Every day
dir-days-sa-su = Weekends
dir-field-opens-at = Opens
dir-field-closes-at = Closes
dir-field-time-hint = For example 8:30 or 8 h 30
dir-field-hours-note = About these hours
dir-hours-range = { $opens } to { $closes }
dir-field-locations = Points of service
dir-field-locations-hint = The organization’s places where this service is offered.
dir-no-locations-yet = The organization has no point of service yet: add its address on its page, then come back to tick where the service is offered.
error-address-required = Give the number and street, or leave the whole address empty.
error-city-required = Give the address’s municipality.
error-postal-code-required = Give the address’s postal code.
error-postal-code = The postal code must read A1A 1A1 (for example G7X 6L8).
error-phone = The phone number must have 10 digits, for example 418 555-0142.
error-phone-extension = The extension must be a number of at most 6 digits, for example 224.
error-phone-required = An extension needs a phone number.
error-days = Choose days from the list.
error-time = Write the time as 8:30, 16:30 or 8 h 30.
error-hours-order = The closing time must come after the opening time.
error-hours-both = Give both the opening and the closing time.
error-location-unknown = This point of service does not belong to the organization.
