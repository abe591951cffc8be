"""Understanding free text: which harms a story mentions and which State it names.

Pure functions over data files (lexicon/<language>.yml and the legal core's country names);
the dialogue proposes what they find and the person confirms or corrects it with buttons.
"""
