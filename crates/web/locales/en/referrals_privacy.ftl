# Referrals and Law 25: the privacy notice, the export and erasure, the grouping's retention period.
referrals-privacy-title = Privacy of referrals
referrals-privacy-intro = When an organization refers you to another organization’s service with maillage, here is what is kept about you, who can see it, for how long, and your rights (Québec’s Law 25).
referrals-privacy-what-title = What a referral holds
referrals-privacy-what-person = Your first name or initials, one way to reach you (phone or e-mail), your language and your age group (never your birth date).
referrals-privacy-what-extra = Nothing else, except a detail the service explicitly asks for by name (five at most).
referrals-privacy-what-note = A note between the two organizations.
referrals-privacy-what-consent = Your consent: who gave it (you or your parent or guardian), when, what is shared and until when. Without consent, no referral is sent.
referrals-privacy-what-referral = The reason, the urgency, the service, and each step of the follow-up (received, accepted, started, completed…) with its date, the name of the worker who recorded it and their comment.
referrals-privacy-what-never = None of this is published in the directory, the search or the statistics.
referrals-privacy-who-title = Who can see it
referrals-privacy-who = Only the members of the two organizations involved: the one that refers you and the one that offers the service. Neither the grouping’s coordinators, nor the platform’s administrators, nor other organizations see it.
referrals-privacy-who-audit = Every reading, export or erasure is written to the audit log, with the referral’s number and who did it, never your details.
referrals-privacy-retention-title = For how long
referrals-privacy-retention = { $count ->
    [one] Your details are kept for the period the grouping chose: { $count } month after the referral is closed unless the grouping chose another.
   *[other] Your details are kept for the period the grouping chose: { $count } months after the referral is closed unless the grouping chose another.
}
referrals-privacy-retention-after = Then a daily task erases them: first name, way to reach you, language, age group, requested details, note, comments, a hand-written reason and what the consent shared. Only statistics without personal information remain: the organizations, the service, the dates, the steps, the reason chosen in the directory, the urgency.
referrals-privacy-retention-table = Each grouping’s retention period
referrals-privacy-grouping = Grouping
referrals-privacy-months = After closing
referrals-privacy-months-count = { $count ->
    [one] { $count } month
   *[other] { $count } months
}
referrals-privacy-disk-title = Erased for real
referrals-privacy-disk-sqlite = With the built-in database (SQLite), erased details are overwritten with zeros in the database file, and the database’s write-ahead log is emptied after each erasure (at the next run when it is busy at that moment).
referrals-privacy-disk-postgres = With PostgreSQL, the rows are deleted and the daily purge vacuums the tables (VACUUM), but PostgreSQL does not overwrite the freed space: copies may remain in its files until the space is reused, in its transaction logs and in backups, until the host rotates them.
referrals-privacy-rights-title = Your rights
referrals-privacy-rights-access = Access: either organization can give you everything kept about you for a referral (a JSON file).
referrals-privacy-rights-erase = Erasure: at your request, either organization erases your details at once, whatever the referral’s stage.
referrals-privacy-rights-consent = Your consent holds until the date recorded; you may ask for erasure before.
referrals-privacy-rights-contact = To exercise your rights, contact the organization that referred you, or the one that offers the service.
referrals-export = Export the person’s details (JSON)
referrals-erase = Erase the person’s details
referrals-erase-confirm = Erase now the first name, contact, note and comments of this referral, at the person’s request? The statistics stay. This cannot be undone.
flash-referrals-erased = The person’s details are erased; only the statistics remain.
referrals-retention-title = Retention of referrals
referrals-retention-intro = How long the details of referred people are kept after a referral is closed. Then only statistics without personal information remain.
referrals-retention-months = Months after closing
referrals-retention-hint = 1 to 120 months; 12 by default.
referrals-retention-save = Save the period
flash-referrals-retention-saved = The retention period is saved.
