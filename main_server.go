//go:build !js

package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"spacerr/app/routes"
	"spacerr/server"
	"spacerr/server/admin"
	"spacerr/server/config"
	"spacerr/server/store"
	"spacerr/server/web"
)

const usage = `usage: spacerr [command]

commands:
  serve        serve the app (the default)
  migrate      apply database migrations and exit
  precompress  write web/app.wasm.br and web/app.wasm.gz
  admin grant EMAIL  make the user with EMAIL an admin

Settings come from the environment; see README.md.`

func serverMain(version string) {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: logLevel()})))
	cmd := "serve"
	if len(os.Args) > 1 {
		cmd = os.Args[1]
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var err error
	switch cmd {
	case "serve":
		err = serve(ctx, version)
	case "migrate":
		err = migrate(ctx)
	case "precompress":
		err = precompress()
	case "admin":
		err = adminCommand(ctx)
	case "help", "-h", "--help":
		fmt.Println(usage)
	default:
		fmt.Fprintln(os.Stderr, usage)
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "spacerr:", err)
		os.Exit(1)
	}
}

func serve(ctx context.Context, version string) error {
	cfg, err := config.Load(os.Getenv)
	if err != nil {
		return err
	}
	cfg.Version = version
	srv, err := server.New(ctx, cfg, server.Options{Pages: routes.Paths})
	if err != nil {
		return err
	}
	defer srv.Close()
	go srv.RunJanitor(ctx, 5*time.Minute)

	hs := &http.Server{
		Addr:              net.JoinHostPort("", strconv.Itoa(cfg.Port)),
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.ListenAndServe() }()
	slog.Info("listening", "url", cfg.BaseURL.String(), "port", cfg.Port, "version", version)
	select {
	case err := <-errc:
		return fmt.Errorf("serve on port %d: %w", cfg.Port, err)
	case <-ctx.Done():
	}
	slog.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shut down: %w", err)
	}
	return nil
}

func migrate(ctx context.Context) error {
	cfg, err := config.Load(os.Getenv)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, cfg.DatabaseURL, cfg.SQLitePath(), store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	applied, err := st.Migrate(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("%s: %d migration(s) applied %v\n", st.Dialect, len(applied), applied)
	return nil
}

// adminCommand runs "admin grant EMAIL" against the migrated database.
func adminCommand(ctx context.Context) error {
	if len(os.Args) != 4 || os.Args[2] != "grant" {
		return fmt.Errorf("usage: admin grant EMAIL")
	}
	cfg, err := config.Load(os.Getenv)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, cfg.DatabaseURL, cfg.SQLitePath(), store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		return err
	}
	if err := admin.Grant(ctx, st, os.Args[3], time.Now()); err != nil {
		return err
	}
	fmt.Printf("%s is now an admin\n", os.Args[3])
	return nil
}

func precompress() error {
	dir := "web"
	if len(os.Args) > 2 {
		dir = os.Args[2]
	}
	br, gz, skipped, err := web.Precompress(dir)
	if err != nil {
		return err
	}
	note := ""
	if skipped {
		note = " (unchanged build, kept)"
	}
	fmt.Printf("app.wasm: brotli %d bytes, gzip %d bytes%s\n", br, gz, note)
	return nil
}

func logLevel() slog.Level {
	if os.Getenv("LOG_LEVEL") == "debug" {
		return slog.LevelDebug
	}
	return slog.LevelInfo
}
