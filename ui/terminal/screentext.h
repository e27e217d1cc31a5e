#pragma once

#include <QStringList>

class QTermWidget;

namespace OrkestrUi {

// The lines of a QTermWidget's scrollback and screen as plain text, without the padding to the
// screen's width that its decoder adds, and without empty lines at the end.
QStringList screenLines(QTermWidget *terminal);

} // namespace OrkestrUi
