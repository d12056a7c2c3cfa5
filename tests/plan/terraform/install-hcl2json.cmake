# Installs HashiCorp's HCL parser for Node (@cdktf/hcl2json) under DEST, once.
# Run by ctest as the setup of the Terraform tests: a fresh machine gets it
# from the npm registry; a missing npm is a failure that says what to install.
#   cmake -DDEST=<dir> -DVERSION=<x.y.z> -P install-hcl2json.cmake
set(_pkg "${DEST}/node_modules/@cdktf/hcl2json/package.json")
if(EXISTS "${_pkg}")
  file(READ "${_pkg}" _json)
  string(JSON _have GET "${_json}" version)
  if(_have STREQUAL VERSION)
    message(STATUS "@cdktf/hcl2json ${_have} is installed in ${DEST}")
    return()
  endif()
endif()
find_program(NODE node nodejs)
find_program(NPM npm)
if(NOT NODE OR NOT NPM)
  message(FATAL_ERROR "Node.js and npm are needed to check the generated Terraform with HashiCorp's "
                      "HCL parser: install Debian's packages 'nodejs' and 'npm' (./dev installs them).")
endif()
file(MAKE_DIRECTORY "${DEST}")
execute_process(
  COMMAND "${NPM}" install --prefix "${DEST}" --no-audit --no-fund --no-package-lock
          "@cdktf/hcl2json@${VERSION}"
  RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0 OR NOT EXISTS "${_pkg}")
  message(FATAL_ERROR "npm could not install @cdktf/hcl2json@${VERSION} into ${DEST} (exit ${_rc})")
endif()
