# Self-assessment tools: the list, a tool's page, the builder.
assess-tool-list-title = Self-assessment tools
assess-tool-list-intro = A self-assessment tool helps a school, an organization or a team take stock of its practices: each item is rated on a scale (Already in place, To improve, To develop…), with a comment when needed.
assess-tool-templates = Templates
assess-tool-templates-intro = Offered to every grouping: fill them as they are, or copy them into your grouping to adapt them.
assess-tool-mine = Tools of my groupings
assess-tool-mine-none = No tool of your groupings yet.
assess-tool-template-badge = Template
assess-tool-of-grouping = Tool of { $name }
assess-tool-version = Version { $version }
assess-tool-count-items = { $count ->
    [0] No item
    [one] { $count } item
   *[other] { $count } items
}
assess-tool-new = New tool
assess-tool-new-hint = A blank tool with the default scale; you then add its sections and items.
assess-tool-grouping = Grouping
assess-tool-title = Title
assess-tool-create = Create the tool
assess-tool-scale = Answer scale
assess-tool-introduction = Introduction
assess-tool-fill = Fill in
assess-tool-fill-for = Grouping to fill it for
assess-tool-fill-hint = You then choose the responding organization, the team and the date.
assess-tool-fill-none = Filling a tool takes being a member of a grouping.
assess-tool-copy = Copy into my grouping
assess-tool-copy-hint = The copy keeps the sections and items; you adapt it without touching the original.
assess-tool-edit = Edit the tool
assess-tool-view = See the tool
assess-tool-archived = This tool is archived: it takes no new responses.
assess-tool-builder-title = Edit “{ $name }”
assess-tool-builder-intro = Each change publishes the tool: while nobody answered its latest version, that version is updated; otherwise a new version is created, and the responses already given keep theirs.
assess-tool-scale-hint = One level a line, as “code | label” (the code is what the API and the exports carry); two to eight levels.
assess-tool-save = Save the tool
assess-tool-sections = Sections and items
assess-tool-no-sections = No section yet.
assess-tool-section-title = Section title
assess-tool-section-guide = Sentence that guides the section
assess-tool-section-save = Save the section
assess-tool-section-up = Move the section up
assess-tool-section-down = Move the section down
assess-tool-section-delete = Delete the section
assess-tool-section-new = New section
assess-tool-section-add = Add the section
assess-tool-section-empty = No item in this section.
assess-tool-item-text = Item text
assess-tool-item-save = Save
assess-tool-item-up = Up
assess-tool-item-down = Down
assess-tool-item-archive = Archive
assess-tool-item-restore = Restore
assess-tool-item-delete = Delete
assess-tool-item-archived = Archived: it is left out of the next version.
assess-tool-item-answers = { $count ->
    [0] No answer
    [one] { $count } answer
   *[other] { $count } answers
}
assess-tool-item-new = New item
assess-tool-item-add = Add the item
flash-assess-tool-created = Tool created: add its sections and items.
flash-assess-tool-copied = Copy created in your grouping: adapt it here.
flash-assess-tool-saved = Tool saved and published.
assess-tool-error-title = The title is required (at most 300 characters).
assess-tool-error-introduction = The introduction is over 10,000 characters.
assess-tool-error-section-title = A section needs a title (at most 300 characters).
assess-tool-error-guide = The sentence that guides the section is over 10,000 characters.
assess-tool-error-item-text = An item needs a text (at most 10,000 characters).
assess-tool-error-scale-size = The scale has two to eight levels.
assess-tool-error-scale-code = A level’s code is lowercase letters without accents, digits and “_” (at most 40 characters).
assess-tool-error-scale-label = Each level needs a label (at most 300 characters).
assess-tool-error-scale-duplicate = Two levels of the scale share a code.
assess-tool-error-item-answered = This item already has answers: it cannot be deleted. Archive it instead: it will leave the next version, and the answers already given keep it.
assess-tool-error-section-not-empty = This section still holds items (archived ones included): delete them first. A section with an answered item stays in the tool.
assess-tool-error-grouping = Choose a grouping you coordinate.
assess-tool-dashboard-feature = a school, an organization or a team takes stock of its practices on a phone or a computer, from the templates or its grouping’s tools;
