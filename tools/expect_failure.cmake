# Runs a tool on bad input and checks the contract the command-line tools
# share: exit code EXIT_CODE, a JSON error on stderr naming each bad field by
# its JSON pointer (POINTERS, separated by "|"), nothing on stdout.
#   cmake -DBIN=<tool> -DINPUT=<file> -DEXIT_CODE=<n> -DPOINTERS=</a|/b> -P expect_failure.cmake
execute_process(COMMAND ${BIN} ${INPUT} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL ${EXIT_CODE})
  message(FATAL_ERROR "exit code ${rc}, expected ${EXIT_CODE}; stderr: ${err}")
endif()
if(NOT out STREQUAL "")
  message(FATAL_ERROR "expected no output on stdout, got: ${out}")
endif()
string(REPLACE "|" ";" pointers "${POINTERS}")
foreach(pointer IN LISTS pointers)
  string(FIND "${err}" "\"${pointer}\"" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "stderr does not name ${pointer}: ${err}")
  endif()
endforeach()
