#pragma once

#include <QLoggingCategory>

// The widgets' messages (dialogs answered, layouts restored); never a token or an env value.
Q_DECLARE_LOGGING_CATEGORY(lcUi)
