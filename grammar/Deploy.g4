// The .deploy language: a small generic block grammar.
// What each block and key means lives in one table (dev.deployc.schema.Schema), not here.
grammar Deploy;

document
    : entry* EOF
    ;

entry
    : name=NAME label=STRING? LBRACE entry* RBRACE     # block
    | name=NAME EQ value                               # attribute
    ;

value
    : STRING                                           # stringValue
    | QUANTITY                                         # quantityValue
    | NUMBER                                           # numberValue
    | NAME                                             # wordValue
    | LBRACK (value (COMMA value)* COMMA?)? RBRACK     # listValue
    ;

LBRACE   : '{' ;
RBRACE   : '}' ;
LBRACK   : '[' ;
RBRACK   : ']' ;
EQ       : '=' ;
COMMA    : ',' ;

// A number followed directly by a unit: 5s, 512MiB, 75%, 1.5h
QUANTITY : '-'? DIGITS ('.' DIGITS)? [a-zA-Z%]+ ;
NUMBER   : '-'? DIGITS ('.' DIGITS)? ;
// Keys, enum words, booleans and references such as socket.http or net.core.somaxconn
NAME     : [A-Za-z_] [A-Za-z0-9_-]* ('.' [A-Za-z0-9_-]+)* ;
STRING   : '"' (ESCAPE | ~["\\\r\n])* '"' ;
// A string with no closing quote on its line; the parser reports it in plain words.
UNTERMINATED_STRING : '"' (ESCAPE | ~["\\\r\n])* ;

COMMENT  : '#' ~[\r\n]* -> channel(HIDDEN) ;
WS       : [ \t\r\n]+ -> skip ;
UNEXPECTED_CHAR : . ;

fragment DIGITS : [0-9]+ ;
fragment ESCAPE : '\\' ~[\r\n] ;
