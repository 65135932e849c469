/**
 * Password rule (NIST SP 800-63B style): at least 8 characters and not a well-known password;
 * no composition rules. The list holds common passwords of 8+ characters, international and
 * Mexican ones, compared case-insensitively.
 */

const COMMON = `
12345678 123456789 1234567890 12345678910 123123123 11111111 00000000 88888888 87654321 12341234
password password1 password123 passw0rd iloveyou iloveyou1 qwertyuiop qwerty123 qwerty12 1q2w3e4r
1q2w3e4r5t zaq12wsx abcd1234 abc12345 abcdefgh aa123456 asdfghjk asdf1234 football baseball
sunshine princess superman starwars whatever trustno1 welcome1 dragon12 monkey12 letmein1
computer internet michelle jennifer 11223344 12121212 147258369 159753456 987654321 123qweasd
contraseña contrasena contraseña1 contrasena1 contraseña123 contrasena123 micontraseña
micontrasena tequiero tequiero1 teamo123 teamomucho mariposa mariposa1 corazon1 corazones
america1 americaaaa chivas10 chivasrayadas pumas123 cruzazul tigres123 rayados1 clubleon
leonfiera guanajuato mexico123 mexico10 mexicano mexicana estrella princesa princesa1 angelito
chocolate chocolate1 futbol10 futbol123 barcelona realmadrid messi1010 cristiano ronaldo7
familia1 familia123 jesucristo diosesamor dios1234 alejandro alejandra daniela1 fernanda
guadalupe gabriela mariana1 valentina sebastian santiago jonathan 1234abcd qwertyui
viajejoven viaje123 imjuleon juventud juventud1
`
  .split(/\s+/)
  .filter(Boolean)

const COMMON_SET = new Set(COMMON.map((p) => p.toLowerCase()))

export const MIN_PASSWORD_LENGTH = 8
export const MAX_PASSWORD_LENGTH = 128

/** A Spanish sentence saying why the password is refused, or null when it is acceptable. */
export function passwordProblem(password: unknown): string | null {
  if (typeof password !== 'string' || password.length === 0) return 'Escribe una contraseña.'
  if ([...password].length < MIN_PASSWORD_LENGTH) return `Usa al menos ${MIN_PASSWORD_LENGTH} caracteres.`
  if (password.length > MAX_PASSWORD_LENGTH) return `Usa como máximo ${MAX_PASSWORD_LENGTH} caracteres.`
  if (COMMON_SET.has(password.toLowerCase()) || /^(.)\1+$/.test(password)) {
    return 'Es una contraseña muy común y fácil de adivinar: elige otra, por ejemplo una frase de varias palabras.'
  }
  return null
}
