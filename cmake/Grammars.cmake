# Tree-sitter grammars come from the npm registry's official packages, downloaded at configure
# time into the build tree (never committed) and checked against their SHA-256 (the registry's
# tarballs; `npm view <pkg>@<version> dist.integrity` gives the same files' SHA-512). No npm is
# needed to build. 0.23.x generates ABI 14, which Debian 12's tree-sitter runtime (0.20.7) loads;
# 0.25 does not.
set(DOWNSTREAM_GRAMMAR_PACKAGES
    "python@0.23.6@aab5b860d93dbf84b37fed532f7dacc0468ede5387d0c74911d68f964287662a;ruby@0.23.1@1f0f0c100e31ddf650962ebb1f1fb8420bdbabccd49582f6e731ea7478db639d"
    CACHE STRING "tree-sitter grammar npm packages: <language>@<version>@<sha256 of the tarball>")
set(DOWNSTREAM_NPM_REGISTRY "https://registry.npmjs.org" CACHE STRING "where the grammars are downloaded from")
set(grammar_root ${CMAKE_BINARY_DIR}/_grammars)
file(MAKE_DIRECTORY ${grammar_root})

foreach(spec IN LISTS DOWNSTREAM_GRAMMAR_PACKAGES)
  string(REPLACE "@" ";" parts ${spec})
  list(GET parts 0 lang)
  list(GET parts 1 version)
  list(GET parts 2 sha256)
  set(pkg tree-sitter-${lang})
  set(dir ${grammar_root}/${pkg}-${version})
  set(tarball ${grammar_root}/${pkg}-${version}.tgz)
  if(NOT EXISTS ${dir}/src/parser.c)
    file(DOWNLOAD ${DOWNSTREAM_NPM_REGISTRY}/${pkg}/-/${pkg}-${version}.tgz ${tarball}
         EXPECTED_HASH SHA256=${sha256} STATUS status TLS_VERIFY ON)
    list(GET status 0 code)
    if(NOT code EQUAL 0)
      list(GET status 1 reason)
      file(REMOVE ${tarball})
      message(FATAL_ERROR "could not download ${pkg}@${version} from ${DOWNSTREAM_NPM_REGISTRY}: ${reason}")
    endif()
    file(REMOVE_RECURSE ${grammar_root}/package ${dir})
    execute_process(COMMAND ${CMAKE_COMMAND} -E tar xzf ${tarball}
      WORKING_DIRECTORY ${grammar_root} RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0 OR NOT EXISTS ${grammar_root}/package/src/parser.c)
      message(FATAL_ERROR "could not unpack ${tarball}")
    endif()
    file(RENAME ${grammar_root}/package ${dir})
  endif()
  set(sources ${dir}/src/parser.c)
  if(EXISTS ${dir}/src/scanner.c)
    list(APPEND sources ${dir}/src/scanner.c)
  endif()
  add_library(ts_${lang} STATIC ${sources})
  target_include_directories(ts_${lang} PRIVATE ${dir}/src)
  set_target_properties(ts_${lang} PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
  target_compile_options(ts_${lang} PRIVATE -w -O2)
endforeach()
