## Attendance grid import

attendance-import-title = Import an attendance grid
attendance-import-intro = A CSV, TSV or Excel file like the bilan’s grid: one column of organization names and one column per session headed by its date (08.05.2018, 2018-05-08, 8 mai 2018…), with x, ✓, oui or 1 for present. Nothing is written before you confirm.
attendance-import-file = Grid
attendance-import-file-hint = .csv, .tsv or .xlsx; names are recognized as in the directory (accents, case and small typos do not matter).
attendance-import-preview = Read the grid
attendance-import-refused = The grid was refused; nothing was written:
attendance-import-error-file = Choose the grid’s file.
attendance-import-error-upload = The grid’s upload failed or was altered; start the import again.
attendance-import-error-unresolved = Choose the organization of “{ $name }”.
attendance-import-review-title = Check the matches
attendance-import-review-intro = Here is how the grid’s names match the directory, for “{ $event }”. Confirm the approximate matches and choose the organization of ambiguous names before saving.
attendance-import-present-on = { $count ->
    [one] organization present
   *[other] organizations present
} on { $date }
attendance-import-to-check = names to check (approximate, ambiguous or unknown)
attendance-import-name = Name in the grid
attendance-import-match = Match
attendance-import-organization = Organization
attendance-import-method-exact = exact
attendance-import-method-alias = another known name
attendance-import-method-fuzzy = approximate — to confirm
attendance-import-method-ambiguous = ambiguous — to choose
attendance-import-method-unmatched = unknown
attendance-import-choose = — choose the organization —
attendance-import-create = Create the organization “{ $name }”
attendance-import-review-hint = Confirmed matches become other names of the organization: the next grid will recognize them at once.
attendance-import-confirm = Save the attendance
flash-attendance-imported = The attendance was imported.
