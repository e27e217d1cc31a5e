# Every library is REQUIRED: a missing one stops configuration with the package to install,
# never a silently reduced build. Package names are Debian 13's; scripts/setup.sh installs them.

macro(orkestr_require package debian_package)
    find_package(${package} ${ARGN} QUIET)
    if(NOT ${package}_FOUND)
        message(FATAL_ERROR
            "Orkestr Desk needs ${package} (${ARGN}), which was not found.\n"
            "On Debian 13 install the package: ${debian_package}\n"
            "or run scripts/setup.sh, which installs everything (or makes a Debian 13 build root).")
    endif()
endmacro()

orkestr_require(Qt6 "qt6-base-dev" 6.8 COMPONENTS Core)
# Checked one by one so that the message names the missing module's package.
orkestr_require(Qt6Gui "qt6-base-dev" 6.8)
orkestr_require(Qt6Widgets "qt6-base-dev" 6.8)
orkestr_require(Qt6Network "qt6-base-dev" 6.8)
orkestr_require(Qt6Concurrent "qt6-base-dev" 6.8)
orkestr_require(Qt6HttpServer "qt6-httpserver-dev" 6.8)
orkestr_require(Qt6WebSockets "qt6-websockets-dev" 6.8)
orkestr_require(Qt6Sql "qt6-base-dev" 6.8)
# The sandbox view's Metrics charts.
orkestr_require(Qt6Charts "qt6-charts-dev" 6.8)
orkestr_require(Qt6Test "qt6-base-dev" 6.8)
orkestr_require(Qt6LinguistTools "qt6-tools-dev qt6-l10n-tools" 6.8)
orkestr_require(KF6SyntaxHighlighting "libkf6syntaxhighlighting-dev")
orkestr_require(KF6Notifications "libkf6notifications-dev")
orkestr_require(qtermwidget6 "libqtermwidget-dev")
orkestr_require(Qt6Keychain "qtkeychain-qt6-dev")
