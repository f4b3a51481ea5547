## text — phrasings shared by every page
# The accessible name of a button or a field that acts on one item.
labelled = { $label }: { $item }
# A colon after a label followed by a formatted value.
colon = :
