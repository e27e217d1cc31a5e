#pragma once

#include <QDialog>

class QTableWidget;

namespace OrkestrUi {

// Help › Keyboard shortcuts: every action of the window that has a shortcut, and the keys of the
// sandbox list, read from the window when the dialog opens (so it never goes stale).
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(QWidget *window);

    // Rows as "Text\tShortcut", for tests.
    QStringList rows() const;

private:
    QTableWidget *m_table;
};

} // namespace OrkestrUi
