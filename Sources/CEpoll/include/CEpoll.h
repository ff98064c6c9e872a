#ifndef CEPOLL_H
#define CEPOLL_H

#include <stdint.h>
#include <sys/types.h>

/// `struct epoll_event` is packed on x86_64; Swift sees this plain struct instead.
typedef struct {
  uint32_t events;
  uint64_t data;
} cepoll_event;

enum {
  CEPOLL_IN = 0x001,
  CEPOLL_OUT = 0x004,
  CEPOLL_ERR = 0x008,
  CEPOLL_HUP = 0x010,
  CEPOLL_RDHUP = 0x2000,
};

int cepoll_create(void);
int cepoll_add(int epfd, int fd, uint32_t events, uint64_t data);
int cepoll_modify(int epfd, int fd, uint32_t events, uint64_t data);
int cepoll_remove(int epfd, int fd);
/// Fills `events` (at most `max`); returns the count, 0 on timeout, -1 on error (EINTR is returned as 0).
int cepoll_wait(int epfd, cepoll_event *events, int max, int timeout_ms);

/// Non-blocking, close-on-exec eventfd.
int cepoll_eventfd(void);
int cepoll_eventfd_signal(int fd);
void cepoll_eventfd_drain(int fd);

/// accept4 with SOCK_NONBLOCK | SOCK_CLOEXEC; writes the peer as "1.2.3.4:80" or "[::1]:80" into `peer`.
int cepoll_accept(int listen_fd, char *peer, int peer_capacity);

/// A non-blocking listening TCP socket bound to `host` (an IPv4 or IPv6 literal) and `port`, with
/// SO_REUSEADDR and, when `reuse_port`, SO_REUSEPORT; "::" is dual-stack. Returns the fd, or -errno.
int cepoll_listen(const char *host, int port, int reuse_port, int backlog);
/// The local port of a bound socket, or -1.
int cepoll_local_port(int fd);
int cepoll_set_nodelay(int fd);
/// One sendmsg of two pieces, one after the other (MSG_NOSIGNAL); returns the bytes written or -1 (errno).
ssize_t cepoll_send2(int fd, const void *first, size_t first_count, const void *second, size_t second_count);
/// Closes with a reset (SO_LINGER 0), dropping unsent data instead of trickling it out.
int cepoll_abort(int fd);

/// Blocks SIGINT and SIGTERM in the calling thread (threads created afterwards inherit it).
int cepoll_block_termination_signals(void);
/// A signalfd for SIGINT and SIGTERM (blocking reads), or -1.
int cepoll_termination_signalfd(void);
/// Blocks until the signalfd delivers a signal; returns its number, or -1.
int cepoll_read_signal(int fd);

/// Raises RLIMIT_NOFILE's soft limit to the hard limit; returns the new soft limit.
long cepoll_raise_fd_limit(void);
int cepoll_set_fd_limit(long soft);

#endif
