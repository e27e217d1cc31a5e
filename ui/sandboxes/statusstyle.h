#pragma once

#include "core/sandbox.h"

#include <QColor>
#include <QIcon>

namespace OrkestrUi {

// How a sandbox status looks: a coloured dot with a distinct shape per family, chosen to read on
// both light and dark palettes (mid-tone colours with a darker outline).
namespace StatusStyle {
QColor color(Orkestr::Sandbox::Status status);
QIcon icon(Orkestr::Sandbox::Status status);
// Text that warns (a countdown in its last minute): orange-red, lighter on a dark palette.
QColor warningColor();
} // namespace StatusStyle

} // namespace OrkestrUi
