#pragma once

#include "core/sandbox.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QTableWidget;
class QPushButton;

namespace OrkestrUi {

// Every field of the selected sandbox: env keys (never values), metadata as a table, the
// snapshot's size and age while paused, and a button to copy the id.
class SandboxDetails : public QWidget
{
    Q_OBJECT
public:
    explicit SandboxDetails(QWidget *parent = nullptr);
    void setSandbox(const std::optional<Orkestr::Sandbox> &sandbox);
    std::optional<Orkestr::Sandbox> sandbox() const { return m_sandbox; }
    // The value shown for a field, by its wire name (for tests and accessibility).
    QString fieldText(const QString &field) const;

private:
    QLabel *addField(const QString &field, const QString &label);

    std::optional<Orkestr::Sandbox> m_sandbox;
    QFormLayout *m_form;
    QHash<QString, QLabel *> m_fields;
    QTableWidget *m_metadata;
    QPushButton *m_copyId;
    QLabel *m_empty;
    QWidget *m_content;
};

} // namespace OrkestrUi
