#include "ui/help/shortcutsdialog.h"

#include "ui/palette/palettemodel.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMap>
#include <QTableWidget>
#include <QVBoxLayout>

namespace OrkestrUi {

using namespace Qt::StringLiterals;

ShortcutsDialog::ShortcutsDialog(QWidget *window)
    : QDialog(window)
    , m_table(new QTableWidget(this))
{
    setWindowTitle(tr("Keyboard shortcuts"));
    setAccessibleName(windowTitle());
    setObjectName(u"shortcutsDialog"_s);
    // Sorted by what they do; one row per action even when several widgets carry a copy of it.
    QMap<QString, QString> rows;
    for (const QAction *action : window->findChildren<QAction *>()) {
        const QList<QKeySequence> keys = action->shortcuts();
        if (keys.isEmpty() || action->text().isEmpty())
            continue;
        QStringList texts;
        for (const QKeySequence &key : keys)
            texts.append(key.toString(QKeySequence::NativeText));
        rows.insert(PaletteModel::actionText(action), texts.join(tr(" or ")));
    }
    rows.insert(tr("Move in the sandbox list"), tr("Up, Down, or J, K"));
    rows.insert(tr("Open the selected sandbox"), tr("Enter"));
    rows.insert(tr("Search the sandbox list"), u"/"_s);
    const QString paletteKey = QKeySequence(Qt::CTRL | Qt::Key_K).toString(QKeySequence::NativeText);
    const QString terminalPaletteKey
        = QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K).toString(QKeySequence::NativeText);
    rows.insert(tr("Delete to the end of the line in the terminal"), paletteKey);

    m_table->setObjectName(u"shortcutsTable"_s);
    m_table->setAccessibleName(tr("Keyboard shortcuts"));
    m_table->setColumnCount(2);
    m_table->setHorizontalHeaderLabels({tr("Action"), tr("Keys")});
    m_table->setRowCount(int(rows.size()));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    int row = 0;
    for (auto it = rows.cbegin(); it != rows.cend(); ++it, ++row) {
        m_table->setItem(row, 0, new QTableWidgetItem(it.key()));
        m_table->setItem(row, 1, new QTableWidgetItem(it.value()));
    }
    auto *note
        = new QLabel(tr("%1 opens the command palette from anywhere in the window, text fields included. "
                        "In the terminal it deletes to the end of the line, as in a shell; %2 opens the "
                        "palette there.")
                         .arg(paletteKey, terminalPaletteKey),
                     this);
    note->setObjectName(u"paletteKeyNote"_s);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(note);
    layout->addWidget(buttons);
    resize(520, 480);
}

QStringList ShortcutsDialog::rows() const
{
    QStringList result;
    for (int row = 0; row < m_table->rowCount(); ++row)
        result.append(m_table->item(row, 0)->text() + u'\t' + m_table->item(row, 1)->text());
    return result;
}

} // namespace OrkestrUi
