# Emscripten builds must not add /usr/include to the include path: it would shadow
# Emscripten's own libc++ and musl headers. We make a folder that holds only a
# link named `boost` to the host's Boost headers (header-only parts: JSON via
# src.hpp) and add that folder instead.
set(CAIRN_EM_BOOST_DIR ${CMAKE_BINARY_DIR}/boost-include)
file(MAKE_DIRECTORY ${CAIRN_EM_BOOST_DIR})
if(NOT EXISTS ${CAIRN_EM_BOOST_DIR}/boost)
  file(CREATE_LINK /usr/include/boost ${CAIRN_EM_BOOST_DIR}/boost SYMBOLIC)
endif()
add_library(Boost::headers INTERFACE IMPORTED)
set_target_properties(Boost::headers PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${CAIRN_EM_BOOST_DIR})
