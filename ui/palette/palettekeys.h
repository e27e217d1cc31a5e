#pragma once

#include <QObject>

#include <functional>

class QAction;
class QWidget;

namespace OrkestrUi {

// The palette's keys reach the palette wherever the focus is in the window. A text field claims
// Ctrl+K for itself before a window's shortcut sees it (X11's "delete to the end of the line"
// in every QLineEdit and text edit): watching the application's key events, this takes the
// palette's keys from them. The terminal is the exception: a shell user's Ctrl+K is readline's
// kill-line, so where `keptByTerminal` says the focus is in a terminal, the first of the
// palette's keys goes to it, and the palette is at its other keys (Ctrl+Shift+K).
class PaletteKeys : public QObject
{
    Q_OBJECT
public:
    using KeptByTerminal = std::function<bool(const QWidget *focus)>;

    // Watches the application's events for as long as it lives; acts only while the focus is in
    // `window` (a dialog's fields keep their keys).
    PaletteKeys(QAction *paletteAction, QWidget *window, KeptByTerminal keptByTerminal);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QAction *m_action;
    QWidget *m_window;
    KeptByTerminal m_keptByTerminal;
};

} // namespace OrkestrUi
