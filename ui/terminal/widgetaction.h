#pragma once

#include <QAction>
#include <QKeySequence>
#include <QWidget>

namespace OrkestrUi {

// An action of `widget` with a shortcut that works while the widget or one of its children has
// the focus (the terminal tabs' Copy, Paste, Find, ...).
template<class Slot>
QAction *addWidgetAction(QWidget *widget, const QString &text, const QKeySequence &keys, Slot slot)
{
    auto *action = new QAction(text, widget);
    action->setShortcut(keys);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QObject::connect(action, &QAction::triggered, widget, slot);
    widget->addAction(action);
    return action;
}

} // namespace OrkestrUi
