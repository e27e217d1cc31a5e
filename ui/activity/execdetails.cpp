#include "ui/activity/execdetails.h"

#include "ui/activity/controlnames.h"

#include <QApplication>
#include <QClipboard>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace OrkestrUi {

using namespace Qt::StringLiterals;

ExecDetails::ExecDetails(QWidget *parent)
    : QWidget(parent)
    , m_form(new QFormLayout)
    , m_output(new ExecOutputView(this))
    , m_copy(new QPushButton(tr("Copy command"), this))
    , m_save(new QPushButton(tr("Save output…"), this))
    , m_runAgain(new QPushButton(tr("Run again in the terminal"), this))
{
    setObjectName(u"execDetails"_s);
    setAccessibleName(tr("Command details"));
    const std::pair<QString, QString> fields[] = {
        {u"command"_s, tr("Command:")}, {u"cwd"_s, tr("Directory:")},   {u"env_keys"_s, tr("Environment:")},
        {u"actor"_s, tr("By:")},        {u"started"_s, tr("Started:")}, {u"finished"_s, tr("Finished:")},
        {u"status"_s, tr("Status:")},
    };
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (const auto &[field, label] : fields) {
        auto *value = new QLabel(this);
        value->setObjectName(u"exec_"_s + field);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        value->setTextFormat(Qt::PlainText);
        value->setWordWrap(field == u"command"_s || field == u"env_keys"_s);
        auto *name = new QLabel(label, this);
        name->setBuddy(value);
        value->setAccessibleName(label.chopped(1));
        m_form->addRow(name, value);
        m_fields.insert(field, value);
    }
    if (auto *command = m_fields.value(u"command"_s)) {
        QFont mono = m_output->font();
        command->setFont(mono);
    }

    nameControl(m_copy, u"copyCommandButton"_s, tr("Copy command"), tr("Copy the command to the clipboard"));
    nameControl(m_save, u"saveOutputButton"_s, tr("Save output"), tr("Save the retained output to a file"));
    nameControl(m_runAgain, u"runAgainButton"_s, tr("Run again in the terminal"),
                tr("Run the command again, in its directory, in a terminal tab"));
    connect(m_copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_command); });
    connect(m_save, &QPushButton::clicked, this, &ExecDetails::saveOutputRequested);
    connect(m_runAgain, &QPushButton::clicked, this, &ExecDetails::runAgainRequested);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_copy);
    buttons->addWidget(m_save);
    buttons->addWidget(m_runAgain);
    buttons->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_form);
    layout->addLayout(buttons);
    layout->addWidget(m_output, 1);
}

void ExecDetails::setField(const QString &field, const QString &text)
{
    if (auto *label = m_fields.value(field))
        label->setText(text);
}

QString ExecDetails::fieldText(const QString &field) const
{
    const auto *label = m_fields.value(field);
    return label ? label->text() : QString();
}

void ExecDetails::setCommand(const QString &command)
{
    m_command = command;
    setField(u"command"_s, command);
    m_copy->setEnabled(!command.isEmpty());
}

void ExecDetails::clearFields()
{
    for (auto *label : std::as_const(m_fields))
        label->clear();
    m_command.clear();
    m_output->clearOutput();
}

void ExecDetails::setRunAgainAllowed(bool allowed)
{
    m_runAgain->setVisible(allowed);
    m_runAgain->setEnabled(allowed);
}

void ExecDetails::setSaveEnabled(bool enabled)
{
    m_save->setEnabled(enabled);
}

} // namespace OrkestrUi
