#include "server/childprocess.h"

#include <cerrno>
#include <csignal>
#include <cstddef>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace OrkestrLocal {

namespace {

#if defined(__x86_64__)
constexpr bool HaveAffinityFilter = true;
#else
constexpr bool HaveAffinityFilter = false;
#endif

// Only system calls: this runs in the child between clone(CLONE_VFORK) and exec, sharing the
// parent's memory, so it must not allocate or touch anything but its own stack.
int installAffinityFilter()
{
#if defined(__x86_64__)
    // x86-64: sched_setaffinity (203) fails with EPERM, and so does every x32-ABI call (bit 30
    // set: no program here uses that ABI, and it has its own numbers); 32-bit code
    // (AUDIT_ARCH_I386) has its own number for sched_setaffinity (241).
    constexpr unsigned X32Bit = 0x40000000;
    sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 4),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_sched_setaffinity, 5, 0),
        BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, X32Bit, 4, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_I386, 0, 3),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 241, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA)),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    sock_fprog program = {static_cast<unsigned short>(sizeof filter / sizeof filter[0]), filter};
    return ::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program, 0, 0);
#else
    return 0;
#endif
}

} // namespace

bool canLockAffinity()
{
    return HaveAffinityFilter;
}

QList<int> availableCpus()
{
    QList<int> cpus;
    cpu_set_t set;
    CPU_ZERO(&set);
    if (::sched_getaffinity(0, sizeof set, &set) != 0)
        return cpus;
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
        if (CPU_ISSET(cpu, &set))
            cpus.append(cpu);
    return cpus;
}

namespace {

// Writes the calling process's pid into a cgroup.procs file; only async-signal-safe calls, as
// it runs in the child between clone and exec.
int joinCgroup(const char *procsFile)
{
    char text[24];
    char *const end = text + sizeof text;
    char *start = end;
    *--start = '\n';
    auto pid = unsigned(::getpid());
    do {
        *--start = char('0' + pid % 10);
        pid /= 10;
    } while (pid > 0);
    const int fd = ::open(procsFile, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    const auto written = ::write(fd, start, size_t(end - start));
    const int error = errno;
    ::close(fd);
    errno = error;
    return written == end - start ? 0 : -1;
}

} // namespace

void prepareChild(QProcess &process, const ChildSetup &setup)
{
    QProcess::UnixProcessParameters parameters;
    parameters.flags = QProcess::UnixProcessFlag::UseVFork | QProcess::UnixProcessFlag::CloseFileDescriptors
        | QProcess::UnixProcessFlag::ResetSignalHandlers;
    parameters.lowestFileDescriptorToClose = setup.lowestFdToClose;
    process.setUnixProcessParameters(parameters);

    const pid_t server = ::getpid();
    cpu_set_t cpus;
    CPU_ZERO(&cpus);
    for (const int cpu : setup.cpus)
        if (cpu >= 0 && cpu < CPU_SETSIZE)
            CPU_SET(cpu, &cpus);
    const bool pin = !setup.cpus.isEmpty();
    const bool lock = setup.lockAffinity && HaveAffinityFilter;
    QProcess *self = &process;
    process.setChildProcessModifier(
        [modifier = setup.modifier, server, cpus, pin, lock, self, cgroupProcs = setup.cgroupProcs] {
            if (modifier)
                modifier();
            // Killed when the server's thread that started it ends (the main thread: the server).
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != server)
                ::_exit(127); // the server died before the line above took effect
            if (!cgroupProcs.isEmpty() && joinCgroup(cgroupProcs.constData()) != 0)
                self->failChildProcessModifier("cgroup.procs", errno);
            if (pin && ::sched_setaffinity(0, sizeof cpus, &cpus) != 0)
                self->failChildProcessModifier("sched_setaffinity", errno);
            if (lock && installAffinityFilter() != 0)
                self->failChildProcessModifier("seccomp", errno);
        });
}

} // namespace OrkestrLocal
