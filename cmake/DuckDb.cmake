# DuckDB, the referee of the duckdb dialect's lineage (tests/dialect/*_duckdbtest.cpp): DuckDB's own
# build of its C library, libduckdb.so, as the npm registry ships it in the package below (pinned).
# scripts/install-deps.sh --test fetches it with `npm pack` beside the tree-sitter grammars
# (build/_grammars; never committed) by running this file in script mode:
#   cmake -DDUCKDB_DEST=<folder> -P cmake/DuckDb.cmake
# Included by tests/CMakeLists.txt, it defines the imported target duckdb::duckdb when the library
# is in this build folder's _grammars (or DUCKDB_LIBRARY names one); the referee is built only
# then. So the sanitizer build (build-asan) leaves it out: DuckDB's library is not instrumented.
set(DOWNSTREAM_DUCKDB_PACKAGE "@duckdb/node-bindings-linux-x64")
set(DOWNSTREAM_DUCKDB_VERSION "1.5.6-r.1")
set(duckdb_folder "duckdb-node-bindings-linux-x64-${DOWNSTREAM_DUCKDB_VERSION}")

if(CMAKE_SCRIPT_MODE_FILE)
  if(NOT DUCKDB_DEST)
    message(FATAL_ERROR "usage: cmake -DDUCKDB_DEST=<folder> -P cmake/DuckDb.cmake")
  endif()
  if(EXISTS ${DUCKDB_DEST}/${duckdb_folder}/libduckdb.so)
    return()
  endif()
  cmake_host_system_information(RESULT arch QUERY OS_PLATFORM)
  if(NOT arch STREQUAL "x86_64")
    message(WARNING "DuckDB's npm build is for linux-x64 only; the duckdb referee will be skipped")
    return()
  endif()
  find_program(NPM_EXECUTABLE npm REQUIRED)
  file(MAKE_DIRECTORY ${DUCKDB_DEST})
  set(spec ${DOWNSTREAM_DUCKDB_PACKAGE}@${DOWNSTREAM_DUCKDB_VERSION})
  execute_process(COMMAND ${NPM_EXECUTABLE} pack ${spec} --silent
    WORKING_DIRECTORY ${DUCKDB_DEST} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  set(tarball ${DUCKDB_DEST}/${duckdb_folder}.tgz)
  if(NOT rc EQUAL 0 OR NOT EXISTS ${tarball})
    message(FATAL_ERROR "could not fetch ${spec} with npm pack: ${err}")
  endif()
  # The tarball holds package/{libduckdb.so,duckdb.node,...}; extract it apart, then move it.
  set(staging ${DUCKDB_DEST}/${duckdb_folder}.staging)
  file(REMOVE_RECURSE ${staging} ${DUCKDB_DEST}/${duckdb_folder})
  file(MAKE_DIRECTORY ${staging})
  execute_process(COMMAND ${CMAKE_COMMAND} -E tar xzf ${tarball}
    WORKING_DIRECTORY ${staging} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR NOT EXISTS ${staging}/package/libduckdb.so)
    message(FATAL_ERROR "${tarball} holds no package/libduckdb.so")
  endif()
  file(RENAME ${staging}/package ${DUCKDB_DEST}/${duckdb_folder})
  file(REMOVE_RECURSE ${staging})
  file(REMOVE ${tarball})
  return()
endif()

find_library(DUCKDB_LIBRARY duckdb NO_DEFAULT_PATH
  PATHS ${CMAKE_BINARY_DIR}/_grammars/${duckdb_folder})
if(DUCKDB_LIBRARY)
  add_library(duckdb::duckdb SHARED IMPORTED)
  set_target_properties(duckdb::duckdb PROPERTIES IMPORTED_LOCATION ${DUCKDB_LIBRARY})
  message(STATUS "DuckDB referee: ${DUCKDB_LIBRARY}")
else()
  message(STATUS "DuckDB referee skipped: no libduckdb.so (install-deps.sh --test fetches it)")
endif()
