package cairn.lib_test

import data.cairn.lib

# path_text gives what sprintf("%v", [p]) gives, through native built-ins where it can.
test_path_text_keeps_keys if lib.path_text("spec") == "spec"

test_path_text_writes_indexes_as_digits if {
	lib.path_text(0) == "0"
	lib.path_text(12) == sprintf("%v", [12])
}

test_path_text_falls_back_to_sprintf if {
	lib.path_text(1.5) == sprintf("%v", [1.5])
	lib.path_text(true) == "true"
}

# text gives what sprintf("%s", [x]) gives, natively for strings.
test_text_keeps_strings if lib.text("Deployment") == "Deployment"

test_text_falls_back_to_sprintf if {
	lib.text(3) == sprintf("%s", [3])
	lib.text(["a"]) == sprintf("%s", [["a"]])
}
