# SPDX-License-Identifier: BSD-2-Clause
# libsmmu, static and shared, with <smmu.h> and smmu.pc. Without libtool:
# the shared library is linked as a program with -shared from its own
# objects, compiled -fPIC, and installed by the hooks below. It holds the
# wire format (runtime/proto/proto.c) and nothing else of libsmmurt.
LIBSMMU_SOURCES = client/libsmmu.c client/conn.c client/conn.h client/smmu.h \
	runtime/proto/proto.c runtime/proto/proto.h runtime/util/le.h
LIBSMMU_SONAME = libsmmu.so.1

lib_LIBRARIES += client/libsmmu.a
client_libsmmu_a_SOURCES = $(LIBSMMU_SOURCES)
client_libsmmu_a_CFLAGS = $(AM_CFLAGS) -pthread
include_HEADERS += client/smmu.h

noinst_PROGRAMS += client/libsmmu.so.1
client_libsmmu_so_1_SOURCES = $(LIBSMMU_SOURCES)
client_libsmmu_so_1_CFLAGS = $(AM_CFLAGS) -fPIC -pthread
client_libsmmu_so_1_LDFLAGS = $(AM_LDFLAGS) -shared -pthread -Wl,-soname,$(LIBSMMU_SONAME) \
	-Wl,-z,defs -Wl,--version-script=$(srcdir)/client/libsmmu.map
EXTRA_client_libsmmu_so_1_DEPENDENCIES = $(srcdir)/client/libsmmu.map
EXTRA_DIST += client/libsmmu.map client/smmu.pc.in

install-exec-local: install-libsmmu-so
install-libsmmu-so: client/libsmmu.so.1
	$(MKDIR_P) '$(DESTDIR)$(libdir)'
	$(INSTALL_PROGRAM) client/libsmmu.so.1 '$(DESTDIR)$(libdir)/$(LIBSMMU_SONAME)'
	cd '$(DESTDIR)$(libdir)' && rm -f libsmmu.so && ln -s $(LIBSMMU_SONAME) libsmmu.so
uninstall-local: uninstall-libsmmu-so
uninstall-libsmmu-so:
	rm -f '$(DESTDIR)$(libdir)/libsmmu.so' '$(DESTDIR)$(libdir)/$(LIBSMMU_SONAME)'
.PHONY: install-libsmmu-so uninstall-libsmmu-so

# pkg-config smmu: the paths as configured ([@] keeps config.status off them)
pkgconfigdir = $(libdir)/pkgconfig
pkgconfig_DATA += client/smmu.pc
client/smmu.pc: $(srcdir)/client/smmu.pc.in Makefile
	$(AM_V_GEN)$(MKDIR_P) client && sed -e 's|[@]prefix[@]|$(prefix)|g' \
		-e 's|[@]exec_prefix[@]|$(exec_prefix)|g' -e 's|[@]libdir[@]|$(libdir)|g' \
		-e 's|[@]includedir[@]|$(includedir)|g' -e 's|[@]VERSION[@]|$(VERSION)|g' \
		$(srcdir)/client/smmu.pc.in >$@.tmp && mv $@.tmp $@
CLEANFILES += client/smmu.pc client/smmu.pc.tmp

# smmuctl: the daemon's read-only requests on the same socket; the probe
# spec is read by the parser smmuman --probe uses (libsmmurt).
sbin_PROGRAMS += client/smmuctl
client_smmuctl_SOURCES = client/smmuctl.c client/conn.c client/conn.h
client_smmuctl_LDADD = runtime/libsmmurt.a
