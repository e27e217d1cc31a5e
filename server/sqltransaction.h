#pragma once

#include <QSqlDatabase>

#include <utility>

namespace OrkestrLocal {

// Makes a database's writes while it lives one commit. Inside a transaction that is open already
// (transaction() fails then), it joins that one and leaves the commit to it.
class SqlTransaction
{
public:
    explicit SqlTransaction(QSqlDatabase database)
        : m_database(std::move(database))
        , m_own(m_database.transaction())
    {
    }
    ~SqlTransaction()
    {
        if (m_own)
            m_database.commit();
    }
    SqlTransaction(const SqlTransaction &) = delete;
    SqlTransaction &operator=(const SqlTransaction &) = delete;

private:
    QSqlDatabase m_database;
    bool m_own = false;
};

} // namespace OrkestrLocal
