#pragma once

#include <QLoggingCategory>

// The session layer's messages: state changes, request ids and counts, never a token or an env
// value (QT_LOGGING_RULES="orkestr.session.debug=true" shows them).
Q_DECLARE_LOGGING_CATEGORY(lcSession)
