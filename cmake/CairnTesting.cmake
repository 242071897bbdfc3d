# cairn_add_test(<name> PART <part> SOURCES ... LIBS ...)
# Builds one Catch2 test program and registers every TEST_CASE with CTest as
# "<part>: <test case name>", labelled with the part, so `ctest -L sdk` runs a part.
add_library(cairn_catch_main STATIC ${PROJECT_SOURCE_DIR}/tests/catch_main.cpp)
target_link_libraries(cairn_catch_main PUBLIC Catch2::Catch2)

function(cairn_add_test name)
  cmake_parse_arguments(T "" "PART" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE cairn_catch_main cairn_warnings ${T_LIBS})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)  # support/
  catch_discover_tests(${name}
    TEST_PREFIX "${T_PART}: "
    PROPERTIES LABELS "${T_PART}" TIMEOUT 300
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endfunction()
