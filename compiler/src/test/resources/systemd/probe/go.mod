module deployc.dev/probe

go 1.19
