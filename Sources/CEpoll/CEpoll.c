#define _GNU_SOURCE
#include "CEpoll.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

int cepoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

static int cepoll_control(int epfd, int op, int fd, uint32_t events, uint64_t data) {
  struct epoll_event event;
  memset(&event, 0, sizeof event);
  event.events = events;
  event.data.u64 = data;
  return epoll_ctl(epfd, op, fd, &event);
}

int cepoll_add(int epfd, int fd, uint32_t events, uint64_t data) {
  return cepoll_control(epfd, EPOLL_CTL_ADD, fd, events, data);
}

int cepoll_modify(int epfd, int fd, uint32_t events, uint64_t data) {
  return cepoll_control(epfd, EPOLL_CTL_MOD, fd, events, data);
}

int cepoll_remove(int epfd, int fd) {
  struct epoll_event event;
  memset(&event, 0, sizeof event);
  return epoll_ctl(epfd, EPOLL_CTL_DEL, fd, &event);
}

int cepoll_wait(int epfd, cepoll_event *events, int max, int timeout_ms) {
  struct epoll_event raw[256];
  if (max > 256) max = 256;
  int count = epoll_wait(epfd, raw, max, timeout_ms);
  if (count < 0) return errno == EINTR ? 0 : -1;
  for (int i = 0; i < count; i++) {
    events[i].events = raw[i].events;
    events[i].data = raw[i].data.u64;
  }
  return count;
}

int cepoll_eventfd(void) { return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }

int cepoll_eventfd_signal(int fd) {
  uint64_t one = 1;
  return write(fd, &one, sizeof one) == sizeof one ? 0 : -1;
}

void cepoll_eventfd_drain(int fd) {
  uint64_t value;
  while (read(fd, &value, sizeof value) == sizeof value) {
  }
}

int cepoll_accept(int listen_fd, char *peer, int peer_capacity) {
  struct sockaddr_storage address;
  socklen_t length = sizeof address;
  int fd = accept4(listen_fd, (struct sockaddr *)&address, &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (fd < 0) return -1;
  char text[INET6_ADDRSTRLEN] = "?";
  if (address.ss_family == AF_INET) {
    struct sockaddr_in *v4 = (struct sockaddr_in *)&address;
    inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
    snprintf(peer, peer_capacity, "%s:%d", text, ntohs(v4->sin_port));
  } else if (address.ss_family == AF_INET6) {
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&address;
    if (IN6_IS_ADDR_V4MAPPED(&v6->sin6_addr)) {
      inet_ntop(AF_INET, &v6->sin6_addr.s6_addr[12], text, sizeof text);
      snprintf(peer, peer_capacity, "%s:%d", text, ntohs(v6->sin6_port));
    } else {
      inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
      snprintf(peer, peer_capacity, "[%s]:%d", text, ntohs(v6->sin6_port));
    }
  } else {
    snprintf(peer, peer_capacity, "unknown");
  }
  return fd;
}

int cepoll_listen(const char *host, int port, int reuse_port, int backlog) {
  struct sockaddr_storage address;
  memset(&address, 0, sizeof address);
  socklen_t length;
  int family;
  struct sockaddr_in *v4 = (struct sockaddr_in *)&address;
  struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&address;
  if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
    family = AF_INET;
    v4->sin_family = AF_INET;
    v4->sin_port = htons((uint16_t)port);
    length = sizeof *v4;
  } else if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
    family = AF_INET6;
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons((uint16_t)port);
    length = sizeof *v6;
  } else {
    return -EINVAL;
  }
  int fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return -errno;
  int one = 1;
  int zero = 0;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (reuse_port) setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
  if (family == AF_INET6) {
    int any = memcmp(&v6->sin6_addr, &in6addr_any, sizeof in6addr_any) == 0;
    setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, any ? &zero : &one, sizeof one);
  }
  if (bind(fd, (struct sockaddr *)&address, length) < 0 || listen(fd, backlog) < 0) {
    int error = errno;
    close(fd);
    return -error;
  }
  return fd;
}

int cepoll_local_port(int fd) {
  struct sockaddr_storage address;
  socklen_t length = sizeof address;
  if (getsockname(fd, (struct sockaddr *)&address, &length) < 0) return -1;
  if (address.ss_family == AF_INET) return ntohs(((struct sockaddr_in *)&address)->sin_port);
  if (address.ss_family == AF_INET6) return ntohs(((struct sockaddr_in6 *)&address)->sin6_port);
  return -1;
}

int cepoll_set_nodelay(int fd) {
  int one = 1;
  return setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

ssize_t cepoll_send2(int fd, const void *first, size_t first_count, const void *second, size_t second_count) {
  struct iovec pieces[2] = {{(void *)first, first_count}, {(void *)second, second_count}};
  struct msghdr message;
  memset(&message, 0, sizeof message);
  message.msg_iov = pieces;
  message.msg_iovlen = 2;
  return sendmsg(fd, &message, MSG_NOSIGNAL);
}

int cepoll_abort(int fd) {
  struct linger linger = {1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
  return close(fd);
}

static void termination_set(sigset_t *set) {
  sigemptyset(set);
  sigaddset(set, SIGINT);
  sigaddset(set, SIGTERM);
}

int cepoll_block_termination_signals(void) {
  sigset_t set;
  termination_set(&set);
  return pthread_sigmask(SIG_BLOCK, &set, NULL);
}

int cepoll_termination_signalfd(void) {
  sigset_t set;
  termination_set(&set);
  return signalfd(-1, &set, SFD_CLOEXEC);
}

int cepoll_read_signal(int fd) {
  struct signalfd_siginfo info;
  for (;;) {
    ssize_t count = read(fd, &info, sizeof info);
    if (count == sizeof info) return (int)info.ssi_signo;
    if (count < 0 && errno == EINTR) continue;
    return -1;
  }
}

long cepoll_raise_fd_limit(void) {
  struct rlimit limit;
  if (getrlimit(RLIMIT_NOFILE, &limit) < 0) return -1;
  if (limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
  }
  return (long)limit.rlim_cur;
}

int cepoll_set_fd_limit(long soft) {
  struct rlimit limit;
  if (getrlimit(RLIMIT_NOFILE, &limit) < 0) return -1;
  limit.rlim_cur = (rlim_t)soft;
  return setrlimit(RLIMIT_NOFILE, &limit);
}
