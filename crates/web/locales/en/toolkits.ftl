# Activity toolkits and lists of activities.
toolkits-title = Activity toolkits
toolkits-intro = Activities ready to run, by theme, for working with parents, children and schools. Search by words, even without accents or with a typo, and note where your organization ran them.
toolkits-dashboard-link = Activity toolkits
toolkits-tools = Toolkit tools
toolkits-none = No toolkits yet.
toolkits-kind-trousse = Toolkit
toolkits-kind-repertoire = List
toolkits-count-themes = { $count ->
    [0] No themes
    [one] { $count } theme
   *[other] { $count } themes
}
toolkits-count-activities = { $count ->
    [0] No activities
    [one] { $count } activity
   *[other] { $count } activities
}
toolkits-count-runs = { $count ->
    [0] Not run yet
    [one] { $count } run
   *[other] { $count } runs
}
toolkits-count-organizations = { $count ->
    [0] No organizations
    [one] { $count } organization
   *[other] { $count } organizations
}
toolkits-count-participants = { $count ->
    [0] No participants
    [one] { $count } participant
   *[other] { $count } participants
}
toolkits-placeholder-short = Sample texts written for the demo.
toolkits-placeholder-badge = Sample
toolkits-placeholder-note = { $count ->
    [one] { $count } activity is a sample text written for the demo: the source gives only the number of activities and themes, not their texts.
   *[other] { $count } activities are sample texts written for the demo: the source gives only the number of activities and themes, not their texts.
}
toolkits-placeholder-activity = This activity is a sample text written for the demo: the source does not give the activities’ texts.
toolkits-source = Source
toolkits-linked-plan = Linked action plan
toolkits-theme-number = Theme { $number } —
toolkits-theme-empty = No activities in this theme yet.
toolkits-theme-new = New theme
toolkits-theme-create = Add the theme
toolkits-theme-edit = Edit the theme
toolkits-theme-delete = Delete the theme
toolkits-theme-delete-confirm = { $count ->
    [0] Delete the theme “{ $name }”? It holds no activities.
    [one] Delete the theme “{ $name }” and its activity ({ $count }), with its runs? This cannot be undone.
   *[other] Delete the theme “{ $name }” and its { $count } activities, with their runs? This cannot be undone.
}
toolkits-activity-new = New activity
toolkits-activity-add-here = Add an activity to this theme
toolkits-activity-edit = Edit the activity
toolkits-activity-delete = Delete the activity
toolkits-activity-delete-confirm = { $count ->
    [0] Delete the activity “{ $name }”? No runs are noted.
    [one] Delete the activity “{ $name }” and its noted run ({ $count })? This cannot be undone.
   *[other] Delete the activity “{ $name }” and its { $count } noted runs? This cannot be undone.
}
toolkits-no-themes = First add a theme to the toolkit.
toolkits-field-title = Title
toolkits-field-description = Description
toolkits-field-theme = Theme
toolkits-field-objectives = Objectives
toolkits-field-audience = Audience
toolkits-field-duration = Duration
toolkits-field-duration-minutes = Duration (minutes)
toolkits-field-material = Material
toolkits-field-steps = Steps
toolkits-field-tips = Facilitation tips
toolkits-field-pathways = Pathways served
toolkits-field-strategy = Plan strategy supported
toolkits-field-placeholder = Sample text (written for the demo)
toolkits-steps-hint = One step per line.
toolkits-not-given = Not given
toolkits-plan-links = Links with the action plan
toolkits-audience-parents = Parents
toolkits-audience-0-5 = Children aged 0 to 5
toolkits-audience-primaire = Elementary school
toolkits-audience-secondaire = High school
toolkits-audience-intervenants = Practitioners
toolkits-audience-ecoles = Schools
toolkits-duration-courte = 30 minutes or less
toolkits-duration-moyenne = 31 to 60 minutes
toolkits-duration-longue = More than an hour
toolkits-runs = Runs
toolkits-runs-none = No runs noted yet.
toolkits-run-new = Note a run
toolkits-run-organization = Organization that ran the activity
toolkits-run-date = Date
toolkits-run-participants = Number of participants
toolkits-run-comment = Comment
toolkits-run-record = Note the run
toolkits-search-link = Find an activity
toolkits-search-title = Find an activity
toolkits-search-label = Words to search
toolkits-search-submit = Search
toolkits-search-hint = For example “lecture”, “activité parents 0-5 ans”; accents and one typo do not matter.
toolkits-search-empty = Type words or choose a filter.
toolkits-filters = Filters
toolkits-any-audience = All audiences
toolkits-any-theme = All themes
toolkits-any-duration = Any duration
toolkits-results-count = { $count ->
    [0] No activities found
    [one] { $count } activity found
   *[other] { $count } activities found
}
toolkits-results-none = Try other words or remove a filter.
toolkits-usage-title = Toolkits used · { $name }
toolkits-usage-intro = The toolkit activities the member organizations ran, with dates and numbers of participants.
toolkits-usage-none = No runs noted for this grouping.
toolkits-usage-activities = Activities run
toolkits-error-title-empty = The title is required.
toolkits-error-title-long = The title is too long (300 characters at most).
toolkits-error-text-long = One of the texts is too long (10,000 characters at most).
toolkits-error-audience = This audience is not in the list.
toolkits-error-duration = The duration is a number of minutes, from 1 to 1,440.
toolkits-error-date = The date must be a real date (YYYY-MM-DD).
toolkits-error-date-future = The date is in the future: note an activity once it has run.
toolkits-error-participants = The number of participants is a whole number from 0 to 10,000.
toolkits-error-organization = Choose a member organization of the grouping.
toolkits-error-theme = This theme is not one of this toolkit’s.
toolkits-error-strategy = This strategy is not in a plan of the toolkit’s grouping.
toolkits-error-pathway = This pathway is not one of the toolkit’s grouping’s.
toolkits-api-error-json = The request body is not valid JSON.
toolkits-api-error-fields = A field is missing or has the wrong type (participants is a number).
toolkits-api-error-grouping = This grouping does not exist.
toolkits-api-error-audience = This audience is not in the list: parents, 0-5, primaire, secondaire, intervenants, ecoles.
flash-toolkits-theme-created = Theme added.
flash-toolkits-theme-saved = Theme saved.
flash-toolkits-theme-deleted = Theme deleted.
flash-toolkits-activity-created = Activity added.
flash-toolkits-activity-saved = Activity saved.
flash-toolkits-activity-deleted = Activity deleted.
flash-toolkits-run-recorded = Run noted. Thank you!
toolkits-documents = Documents
toolkits-documents-none = No documents attached.
toolkits-document-file = Document to attach
toolkits-document-hint = PDF, Word, Excel, PowerPoint, OpenDocument, RTF, PNG or JPEG image, or text; 10 MB at most.
toolkits-document-attach = Attach the document
toolkits-document-kb = { $count ->
    [one] { $count } KB
   *[other] { $count } KB
}
toolkits-error-upload = The file could not be read: send it again.
toolkits-error-document-empty = Choose a file: this one is empty.
toolkits-error-document-large = This file is larger than 10 MB: it was not attached.
toolkits-error-not-a-document = This file is not a document (PDF, Word, Excel, PowerPoint, OpenDocument, RTF, PNG or JPEG image, text): it was not attached.
flash-toolkits-document-attached = Document attached.
