#include "ui/palette/palettekeys.h"

#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QWidget>

namespace OrkestrUi {

PaletteKeys::PaletteKeys(QAction *paletteAction, QWidget *window, KeptByTerminal keptByTerminal)
    : QObject(window)
    , m_action(paletteAction)
    , m_window(window)
    , m_keptByTerminal(std::move(keptByTerminal))
{
    qApp->installEventFilter(this);
}

bool PaletteKeys::eventFilter(QObject *watched, QEvent *event)
{
    // Qt asks the focus widget first whether it wants a key (ShortcutOverride), then the
    // shortcuts, then delivers the key (KeyPress) to it.
    if (event->type() != QEvent::ShortcutOverride && event->type() != QEvent::KeyPress)
        return false;
    QWidget *focus = QApplication::focusWidget();
    if (!focus || watched != focus || focus->window() != m_window || !m_action->isEnabled())
        return false;
    auto *key = static_cast<QKeyEvent *>(event);
    const int which = int(m_action->shortcuts().indexOf(QKeySequence(key->keyCombination())));
    if (which < 0)
        return false;
    event->accept();
    if (which == 0 && m_keptByTerminal && m_keptByTerminal(focus)) {
        // Claimed for the terminal, which then gets the key itself.
        return event->type() == QEvent::ShortcutOverride;
    }
    // Claimed here, so that the field does not see it, and acted on when it arrives.
    if (event->type() == QEvent::KeyPress)
        m_action->trigger();
    return true;
}

} // namespace OrkestrUi
