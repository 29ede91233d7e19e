# The Debian package (scripts/package runs CPack's DEB generator on a Release build
# configured with the /usr prefix). Also installs what any prefix gets from this folder: the
# systemd user unit, the copyright notice and the changelog.

set(BRIEFINGS_MAINTAINER "briefings maintainers <maintainers@users.noreply.r-seed-f70f5223.example>"
    CACHE STRING "The package's Maintainer field: Name <address>")
# Debian puts user units in /usr/lib/systemd/user; for any other prefix share/systemd/user is
# the folder systemd's user manager also searches (~/.local/share/systemd/user for ~/.local).
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(default_unitdir lib/systemd/user)
else()
  set(default_unitdir share/systemd/user)
endif()
set(BRIEFINGS_INSTALL_USERUNITDIR ${default_unitdir}
    CACHE STRING "Where the systemd user unit goes, relative to the prefix")

# The unit names the installed executable by its absolute path, as systemd requires, so it
# is written at install time, for the prefix being installed into: `cmake --install --prefix
# P` and CPack (which installs for /usr under a DESTDIR) each get their own ExecStart.
set(unit ${PROJECT_BINARY_DIR}/install/briefings-serve.service)
install(CODE "
  set(BRIEFINGS_BINARY \"\${CMAKE_INSTALL_PREFIX}/${BRIEFINGS_INSTALL_BINDIR}/briefings\")
  set(BRIEFINGS_DOCDIR \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DOCDIR}\")
  configure_file(\"${PROJECT_SOURCE_DIR}/packaging/briefings-serve.service.in\" \"${unit}\" @ONLY)")
install(FILES ${unit} DESTINATION ${BRIEFINGS_INSTALL_USERUNITDIR})

# Debian's changelog (a native package: changelog.gz), dated by the commit it is built from
# so that two builds of one commit give the same file.
set(BRIEFINGS_COMMIT "${BRIEFINGS_VERSION}")
set(BRIEFINGS_CHANGELOG_DATE "")
find_package(Git QUIET)
if(GIT_FOUND)
  execute_process(COMMAND ${GIT_EXECUTABLE} log -1 --format=%h%n%aD
                  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} OUTPUT_VARIABLE head_lines
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(head_lines MATCHES "^([0-9a-f]+)\n(.+)$")
    set(BRIEFINGS_COMMIT "commit ${CMAKE_MATCH_1}")
    set(BRIEFINGS_CHANGELOG_DATE "${CMAKE_MATCH_2}")
  endif()
endif()
if(NOT BRIEFINGS_CHANGELOG_DATE)
  string(TIMESTAMP BRIEFINGS_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
endif()
configure_file(packaging/changelog.in changelog @ONLY)
add_custom_command(OUTPUT changelog.gz
                   COMMAND gzip -9 -n -c ${PROJECT_BINARY_DIR}/changelog > changelog.gz
                   DEPENDS ${PROJECT_BINARY_DIR}/changelog VERBATIM)
add_custom_target(briefings_changelog ALL DEPENDS changelog.gz)
install(FILES ${PROJECT_BINARY_DIR}/changelog.gz packaging/copyright
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME briefings)
set(CPACK_PACKAGE_VERSION ${BRIEFINGS_VERSION})
set(CPACK_PACKAGE_CONTACT ${BRIEFINGS_MAINTAINER})
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "local full-text search for saved news briefings")
# Debian wants the long description's lines under 80 columns; CPack does not wrap them.
string(JOIN "\n" CPACK_PACKAGE_DESCRIPTION
       "briefings indexes a folder of saved news briefings (plain text files) with"
       "Xapian and searches them, ranked, with highlighted snippets, filters by cited"
       "source and by date, and facet counts, from the command line or from a small"
       "web page served on the local machine."
       ""
       "A systemd user unit, briefings-serve, serves that page for the default"
       "database on 127.0.0.1:8080.")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${BRIEFINGS_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Depends: what dpkg-shlibdeps finds the binaries link to, plus the public suffix list that
# libpsl reads at run time to tell a site from its host.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS publicsuffix)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_STRIP_FILES ON)
# CPack adds ldconfig to postinst and postrm for any .so under /usr/lib (lintian warns of it);
# the server module in /usr/lib/briefings is loaded by path, so the call is merely idle.
# Folders in the package as Debian expects them (root-owned, 0755), whatever the umask.
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE
    GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
include(CPack)
