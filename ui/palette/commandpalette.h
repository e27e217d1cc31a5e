#pragma once

#include "ui/palette/palettemodel.h"

#include <QFrame>

class QLineEdit;
class QListView;

namespace OrkestrUi {

// Ctrl+K: a search field over the window that finds sandboxes and actions; Enter opens the
// sandbox or triggers the action, Escape closes it.
class CommandPalette : public QFrame
{
    Q_OBJECT
public:
    explicit CommandPalette(QWidget *window);

    PaletteModel *model() const { return m_model; }
    QLineEdit *searchField() const { return m_search; }
    QListView *results() const { return m_results; }

    // Shows it at the top of the window with an empty query and the focus in the field.
    void popup();
    // Acts on the selected result (as Enter does).
    void activateCurrent();

Q_SIGNALS:
    void sandboxChosen(const QString &id);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void place();

    PaletteModel *m_model;
    QLineEdit *m_search;
    QListView *m_results;
};

} // namespace OrkestrUi
