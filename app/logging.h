#pragma once

#include <QLoggingCategory>

namespace OrkestrDesk {

// orkestr.app: what the application itself reports (startup, connection, --screenshot).
// Debug messages are off unless QT_LOGGING_RULES="orkestr.app.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcApp)

} // namespace OrkestrDesk
