#include "ui/dialogprompter.h"

#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>

namespace OrkestrUi {

DialogPrompter::DialogPrompter(QWidget *parent)
    : QObject(parent)
    , m_parent(parent)
{
}

void DialogPrompter::confirm(const OrkestrSession::Question &question,
                             std::function<void(bool accepted)> answer)
{
    auto *box = new QMessageBox(question.destructive ? QMessageBox::Warning : QMessageBox::Question,
                                question.title, question.text, QMessageBox::Cancel, m_parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *accept = question.acceptLabel.isEmpty()
        ? box->addButton(QMessageBox::Ok)
        : box->addButton(question.acceptLabel, QMessageBox::AcceptRole);
    // A destructive step is never the default: Enter cancels it.
    if (question.destructive)
        box->setDefaultButton(QMessageBox::Cancel);
    else
        box->setDefaultButton(accept);
    QObject::connect(box, &QMessageBox::finished, box,
                     [box, accept, answer = std::move(answer)] { answer(box->clickedButton() == accept); });
    box->open();
}

void DialogPrompter::askText(const OrkestrSession::Question &question, const QString &initial,
                             std::function<void(std::optional<QString> text)> answer)
{
    auto *dialog = new QInputDialog(m_parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(question.title);
    dialog->setLabelText(question.text);
    dialog->setTextValue(initial);
    if (!question.acceptLabel.isEmpty())
        dialog->setOkButtonText(question.acceptLabel);
    QObject::connect(dialog, &QInputDialog::finished, dialog,
                     [dialog, answer = std::move(answer)](int result) {
                         if (result == QDialog::Accepted)
                             answer(dialog->textValue());
                         else
                             answer(std::nullopt);
                     });
    dialog->open();
}

} // namespace OrkestrUi
