/** The help text of `npm run azx`, printed on any command line it does not understand. */
export const USAGE = `usage: npm run azx -- <command>

  clients list
  clients show <clientId>
  clients add --id <clientId> --name <name> --role insurer|regulator|admin
              [--insurer-code <credit code>] [--region-code <division code>] --jwks <file>
  clients rotate <clientId> --jwks <file>     replace the client's public keys
  clients disable <clientId>
  clients enable <clientId>
  keys rotate                                 new platform signing key; the old one retires

A --jwks file holds a JWK Set {"keys": [...]} or one JWK, public keys only.`
