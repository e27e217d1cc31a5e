#pragma once

#include <QString>
#include <QWidget>

namespace OrkestrUi {

// Names a control of the Activity tab: its object name (tests, styles), what a screen reader
// calls it, and, when given, the tooltip that says what it does.
inline void nameControl(QWidget *control, const QString &objectName, const QString &accessibleName,
                        const QString &toolTip = {})
{
    control->setObjectName(objectName);
    control->setAccessibleName(accessibleName);
    if (!toolTip.isEmpty())
        control->setToolTip(toolTip);
}

} // namespace OrkestrUi
