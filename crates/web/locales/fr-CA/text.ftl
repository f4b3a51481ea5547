## text — des tournures communes à toutes les pages
# Le nom accessible d’un bouton ou d’un champ qui agit sur un élément.
labelled = { $label } : { $item }
# Deux-points après une étiquette suivie d’une valeur mise en forme.
colon = { "\u00A0" }:
