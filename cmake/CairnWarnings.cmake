# Warnings every Cairn target gets. Kept in one place so the native, sanitizer
# and WASM builds agree on what is an error.
add_library(cairn_warnings INTERFACE)
target_compile_options(cairn_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Wunused -Woverloaded-virtual -Wnull-dereference
  $<$<BOOL:${CAIRN_WERROR}>:-Werror>
  # GCC 12 reports -Wrestrict false positives on std::string concatenation at
  # -O3 (GCC bug 105329), in code that is plainly correct; clang has no such check.
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
